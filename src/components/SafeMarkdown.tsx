import { memo, useMemo, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from './markdown';
import './workbench.css';

/**
 * Model text as Markdown, rendered as React elements only: raw HTML in the text is dropped, and links and images
 * the model wrote are shown as text with their full URL, never live. A document carrying a prompt injection can
 * make the model write patient text into a URL; as text it is one deliberate copy away, not one click (or, for an
 * image, no click at all).
 */
export const SafeMarkdown = memo(function SafeMarkdown({ text, testId }: { text: string; testId?: string }) {
  const blocks = useMemo(() => parseMarkdown(text), [text]);
  return (
    <div className="markdown" data-testid={testId}>
      {blocks.map(renderBlock)}
    </div>
  );
});

/**
 * Markdown that is still being written: the lines that are complete are parsed (again only when one more
 * completes), the line being written is plain text after them until it ends. Once `streaming` is over, all of
 * it is Markdown.
 */
export function StreamingMarkdown({ text, streaming }: { text: string; streaming: boolean }) {
  const cut = streaming ? text.lastIndexOf('\n') + 1 : text.length;
  return (
    <>
      <SafeMarkdown text={text.slice(0, cut)} />
      {cut < text.length && <p className="markdown-tail">{text.slice(cut)}</p>}
    </>
  );
}

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.kind) {
    case 'heading': {
      // Answers sit under the panel's own h3, so their headings start one level lower.
      const Tag = `h${Math.min(6, block.level + 3)}` as 'h4';
      return <Tag key={key}>{block.children.map(renderInline)}</Tag>;
    }
    case 'paragraph':
      return <p key={key}>{block.children.map(renderInline)}</p>;
    case 'list': {
      const items = block.items.map((item, k) => <li key={k}>{renderListItem(item)}</li>);
      return block.ordered ? (
        <ol key={key} start={block.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'quote':
      return <blockquote key={key}>{block.children.map(renderBlock)}</blockquote>;
    case 'code':
      return (
        <pre key={key}>
          <code>{block.text}</code>
        </pre>
      );
    case 'rule':
      return <hr key={key} />;
    case 'table':
      return (
        <div key={key} className="table-wrap">
          <table>
            <thead>
              <tr>
                {block.head.map((cell, k) => (
                  <th key={k}>{cell.map(renderInline)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, k) => (
                    <td key={k}>{cell.map(renderInline)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    default:
      return assertNever(block);
  }
}

/** A list item of one paragraph renders without the paragraph margin, like tight Markdown lists. */
function renderListItem(blocks: Block[]): ReactNode {
  if (blocks.length === 1 && blocks[0].kind === 'paragraph') return blocks[0].children.map(renderInline);
  return blocks.map(renderBlock);
}

function renderInline(node: Inline, key: number): ReactNode {
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'strong':
      return <strong key={key}>{node.children.map(renderInline)}</strong>;
    case 'em':
      return <em key={key}>{node.children.map(renderInline)}</em>;
    case 'del':
      return <del key={key}>{node.children.map(renderInline)}</del>;
    case 'code':
      return <code key={key}>{node.text}</code>;
    case 'link':
      return <ModelLink key={key} href={node.href} label={node.children} />;
    case 'br':
      return <br key={key} />;
    default:
      return assertNever(node);
  }
}

/** A link's text, then its whole URL (unless the text is the URL itself), neither of them clickable. */
function ModelLink({ href, label }: { href: string; label: Inline[] }) {
  const bare = label.length === 1 && label[0].kind === 'text' && label[0].text === href;
  return (
    <span className="model-link" data-testid="model-link">
      {!bare && <>{label.map(renderInline)} </>}
      <span className="model-link-url">&lt;{href}&gt;</span>
    </span>
  );
}

function assertNever(x: never): never {
  throw new Error(`unexpected Markdown node ${JSON.stringify(x)}`);
}
