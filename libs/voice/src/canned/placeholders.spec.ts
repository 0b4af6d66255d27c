import { placeholdersIn, placeholderValues, renderTemplate, unknownPlaceholders } from './placeholders';

describe('placeholders', () => {
  it('finds the known ones, case-insensitively and with spaces inside the braces', () => {
    expect(placeholdersIn('Hi {{ contact.firstname }}, {{agent.name}} here from {{workspace.name}}. {{contact.firstName}}')).toEqual([
      'contact.firstName',
      'agent.name',
      'workspace.name',
    ]);
  });

  it('lists unknown ones as written', () => {
    expect(unknownPlaceholders('Hi {{contact.email}} {{ order.id }} {{contact.name}} {{contact.email}} {{}}')).toEqual(['{{contact.email}}', '{{ order.id }}', '{{}}']);
    expect(unknownPlaceholders('no braces, {single} ones, {{contact.name}')).toEqual([]);
  });

  it('fills values with fallbacks from the contact, the agent, the channel and the workspace', () => {
    const values = placeholderValues({
      contact: { name: '  Maria  Rossi ', username: 'mrossi' },
      agent: { name: 'Luca Bianchi' },
      channel: { name: 'Instagram IT' },
      workspace: { name: 'Da Gino' },
    });
    expect(values).toEqual({
      'contact.name': 'Maria  Rossi',
      'contact.firstName': 'Maria',
      'contact.username': 'mrossi',
      'agent.name': 'Luca Bianchi',
      'agent.firstName': 'Luca',
      'channel.name': 'Instagram IT',
      'workspace.name': 'Da Gino',
    });
    expect(placeholderValues({ contact: { name: null, username: 'handle' }, agent: { name: 'A' }, channel: null, workspace: { name: 'W' } })).toMatchObject({
      'contact.name': 'handle',
      'contact.firstName': 'handle',
      'channel.name': null,
    });
  });

  it('renders, leaving out and listing what has no value, without stray spaces', () => {
    expect(renderTemplate('Hi {{contact.firstName}}, this is {{agent.firstName}} of {{channel.name}}.', { 'agent.firstName': 'Luca' })).toEqual({
      text: 'Hi, this is Luca of.',
      missing: ['contact.firstName', 'channel.name'],
    });
    expect(renderTemplate('Dear {{contact.name}}\nThanks {{ contact.NAME }} again', {})).toEqual({ text: 'Dear\nThanks again', missing: ['contact.name'] });
    expect(renderTemplate('{{contact.name}}: {{x.y}}', { 'contact.name': 'Ann' })).toEqual({ text: 'Ann: {{x.y}}', missing: [] });
  });
});
