import { defineConcept } from './concept.js';

/** Intelligent Q&A: a robot / 智能客服 / AI assistant, as a link, a button, an image, an iframe or a widget script. */
export default defineConcept({
  id: 'smart_qa',
  name: { zh: '智能问答', en: 'Intelligent Q&A' },
  text: [
    /智能问答/,
    /智能客服/,
    /智能机器人/,
    /智能助手/,
    /智能咨询/,
    /智能导办/,
    /智能导服/,
    /智能应答/,
    /AI\s*(问答|助手|客服|咨询|智能体)/i,
    /大模型/,
    /智能体/,
    /DeepSeek|通义|千问|文心|豆包|智谱|ChatGLM|星火|混元|Kimi/i,
    /在线客服/,
    /搜问/,
    /政务(机器人|小助手)/,
    /^智[\u4e00-\u9fa5]{1,2}$/,
    /小[\u4e00-\u9fa5]{1,2}(智能|问答|客服|助手)/,
    /(问答|客服|咨询|政务)机器人|机器人(客服|问答|助手|咨询)|^机器人$/,
  ],
  notText: [/roboto/i, /^智(慧|能|库|造)$/],
  host: [/(^|\.)(znwd|zhineng|robot|irobot|chatbot|aiqa|znkf|zhwd|znzx)\./],
  path: [
    /\/(znwd|robot|irobot|znrobot|chatbot|aiqa|intelligent|zhinengwenda|znkf|jrobot|zhwd|znzx|aiask)(\/|\.|-|_|$)/i,
  ],
  image: [/robot|znwd|znkf|chatbot|kefu|jqr|aiqa|zhineng/i],
  idClass: [/robot/i, /znwd/i, /zhineng/i, /chatbot/i, /(^|[-_])chat([-_]|$)/i, /kefu/i, /customer-?service/i, /aiqa/i],
  // Not bare "chat": showWechat() opens a WeChat QR code.
  onclick: [/robot/i, /znwd/i, /openChat|chatbot|chatWin/i, /kefu/i],
  scripts: [
    { src: /\/(znwd|robot|chatbot|aiqa|zhinengwenda|intelligent|jrobot|xiaoi|znkf)(\/|\.|-|_)/i, vendor: 'widget' },
    { src: /(^|\/\/)(znwd|robot|chatbot|aiqa)\./i, vendor: 'widget' },
    // Generative-chat widgets named after their model or platform (2025 deployments).
    { src: /\/(deepseek|qwen|tongyi|doubao|coze|dify|chatglm|zhipu|aigc|llm)([-_/.]|$)/i, vendor: 'llm-widget' },
  ],
  opened: { sendButton: [/^发\s*送$/, /^提\s*问$/, /^提\s*交$/, /^咨\s*询$/, /^send$/i, /^问一下$/, /^确定$/] },
  maxLabel: 14,
});

/**
 * What answers behind the entry, read from its label, title, widget attributes and URLs (and the
 * Q&A page when crawled): a large model (named models, 大模型, 智能体, generative-chat widgets), a
 * staffed service (在线客服, 人工客服), else a FAQ / keyword robot when the entry is worded at all.
 */
export const QA_KINDS = {
  llm: [/大模型/, /智能体/, /生成式|AIGC/i, /DeepSeek|通义|千问|文心|豆包|智谱|ChatGLM|讯飞星火|混元|Kimi/i],
  llmWidget: [/deepseek|qwen|tongyi|ernie|doubao|coze|dify|chatglm|zhipu|(^|[/._-])llm([/._-]|$)|aigc/i],
  human: [/在线客服|人工客服|人工服务|人工坐席/],
};
