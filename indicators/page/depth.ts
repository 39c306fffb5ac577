/**
 * A depth limit for parsed pages, as browsers have one. Broken markup nests without end (every
 * list item leaves a <font> or <div> open), and code that walks a tree recursively then runs out
 * of stack, while the nesting itself means nothing to a reader.
 *
 * Chromium's parser stops nesting at 512 open elements (kMaximumHTMLParserDOMTreeDepth): what
 * would go deeper is attached to the element at the limit instead. Same here: below an element at
 * `MAX_DEPTH`, every descendant becomes its direct child, in document order, so the page reads as
 * a browser shows it.
 */
import type { AnyNode, ParentNode } from 'domhandler';

const MAX_DEPTH = 512;

const hasChildren = (n: AnyNode): n is AnyNode & ParentNode => Array.isArray((n as Partial<ParentNode>).children);

/** Flatten every subtree below `maxDepth` (the root is depth 0) in place. Iterative: any depth is fine. */
export function limitDepth(root: AnyNode, maxDepth = MAX_DEPTH): void {
  const stack: { node: AnyNode; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (!hasChildren(node)) continue;
    if (depth >= maxDepth) {
      if (node.children.some(hasDeeper)) adopt(node, descendantsInOrder(node));
      continue;
    }
    for (const c of node.children) stack.push({ node: c, depth: depth + 1 });
  }
}

function hasDeeper(n: AnyNode): boolean {
  return hasChildren(n) && n.children.length > 0;
}

/** Every descendant of `node` in document order, each detached from its own children. */
function descendantsInOrder(node: ParentNode): AnyNode[] {
  const out: AnyNode[] = [];
  const stack: AnyNode[] = [...node.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    if (hasChildren(n)) {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
      n.children = [];
    }
  }
  return out;
}

function adopt(parent: ParentNode, children: AnyNode[]): void {
  children.forEach((c, i) => {
    c.parent = parent;
    c.prev = children[i - 1] ?? null;
    c.next = children[i + 1] ?? null;
  });
  parent.children = children;
}
