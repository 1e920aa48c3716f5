import { getCustomElements, type ArgTypes, type Meta, type StoryObj } from '@storybook/web-components-vite';

interface Declaration {
  tagName?: string;
  summary?: string;
  description?: string;
  attributes?: { name: string; type?: { text: string }; description?: string; default?: string }[];
  cssProperties?: { name: string; description?: string }[];
  cssParts?: { name: string }[];
  slots?: { name: string }[];
  events?: { name: string }[];
  members?: { kind: string; name: string; privacy?: string; static?: boolean; readonly?: boolean; attribute?: string }[];
}

/** The element's entry in custom-elements.json, which .storybook/preview.ts hands to Storybook. */
function declarationOf(tag: string): Declaration {
  const manifest = getCustomElements() as { modules: { declarations?: Declaration[] }[] };
  for (const mod of manifest.modules) {
    const found = mod.declarations?.find((d) => d.tagName === tag);
    if (found) return found;
  }
  throw new Error(`${tag} is not in custom-elements.json`);
}

/** `'full' | 'compact'` → ['full', 'compact']; anything else → no options. */
const literals = (type = '') => {
  const parts = type
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p !== 'undefined');
  return parts.every((p) => /^'[^']*'$/.test(p)) && parts.length > 0 ? parts.map((p) => p.slice(1, -1)) : undefined;
};

/**
 * The controls of an element's API page, from custom-elements.json: one per attribute (a select for
 * a set of values, a checkbox for a boolean, else text) and one per CSS custom property (a colour
 * picker for colours), each with the manifest's description. Storybook adds the properties,
 * events, slots and parts to the table from the same manifest.
 */
function controlsOf(decl: Declaration): ArgTypes {
  const argTypes: ArgTypes = {};
  for (const attribute of decl.attributes ?? []) {
    const type = attribute.type?.text ?? '';
    const options =
      attribute.name === 'theme' ? ['auto', 'system', 'light', 'dark'] : attribute.name === 'lang' ? ['fr', 'en'] : literals(type);
    argTypes[attribute.name] = {
      description:
        attribute.description ??
        (attribute.name === 'lang' ? 'Language of the widget (fr by default, en); else the closest `lang` above it.' : ''),
      table: { category: 'attributes', type: { summary: type || 'string' } },
      control: options
        ? { type: 'select' }
        : type.startsWith('boolean')
          ? { type: 'boolean' }
          : type.startsWith('number')
            ? { type: 'number' }
            : { type: 'text' },
      ...(options ? { options: ['', ...options] } : {}),
    };
  }
  // Properties: only the public ones without an attribute (set from script, e.g. `.pole`) stay in
  // the table, without a control; internals and attribute-backed fields (listed as attributes) go.
  for (const member of decl.members ?? []) {
    // Same name as an attribute (theme, variant…): that row already describes it.
    if (member.kind !== 'field' || argTypes[member.name]) continue;
    const internal =
      member.privacy === 'private' || member.privacy === 'protected' || member.static || member.readonly || member.name.startsWith('#');
    argTypes[member.name] = internal || member.attribute ? { table: { disable: true } } : { control: false };
  }
  // Parts, slots and events are listed (from the manifest) but have nothing to set.
  for (const { name } of [...(decl.cssParts ?? []), ...(decl.slots ?? []), ...(decl.events ?? [])]) argTypes[name] = { control: false };
  for (const property of decl.cssProperties ?? []) {
    argTypes[property.name] = {
      description: property.description ?? '',
      table: { category: 'css custom properties' },
      control: { type: /color/.test(property.name) ? 'color' : 'text' },
    };
  }
  return argTypes;
}

/** Sets each arg as the attribute or CSS custom property it stands for. */
function renderElement(tag: string, decl: Declaration, args: Record<string, unknown>): HTMLElement {
  const el = document.createElement(tag);
  const attributes = new Set((decl.attributes ?? []).map((a) => a.name));
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (attributes.has(name)) el.setAttribute(name, value === true ? '' : String(value));
    else if (name.startsWith('--')) el.style.setProperty(name, String(value));
  }
  return el;
}

/**
 * The rest of an element's API page meta (title, component and the autodocs tag stay literal in the
 * story file, where Storybook's indexer reads them): live controls and the render from the manifest.
 */
export function apiMeta(tag: string, args: Record<string, unknown>): Meta {
  const decl = declarationOf(tag);
  return {
    argTypes: controlsOf(decl),
    args,
    render: (storyArgs) => renderElement(tag, decl, storyArgs),
    parameters: { docs: { description: { component: decl.description ?? decl.summary ?? '' } } },
  };
}

export type ApiStory = StoryObj;
