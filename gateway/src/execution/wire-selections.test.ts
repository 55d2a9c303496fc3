import { Kind, parse, print, type FieldNode, type OperationDefinitionNode, type SelectionNode } from 'graphql';
import { expandAnswer, wireSelections } from './wire-selections';

const selectionsOf = (query: string): readonly SelectionNode[] =>
  (parse(query, { noLocation: true }).definitions[0] as OperationDefinitionNode).selectionSet.selections;
const printed = (selections: readonly SelectionNode[]) =>
  print({ kind: Kind.SELECTION_SET, selections: [...selections] })
    .replace(/\s+/g, ' ')
    .trim();

/**
 * What a partner would answer to these selections: each leaf's value names the field it resolves
 * (not its key), each list holds two items, and a key asked twice is one object.
 */
function answerTo(selections: readonly SelectionNode[]): Record<string, unknown> {
  const answer: Record<string, unknown> = {};
  for (const field of selections as readonly FieldNode[]) {
    const key = field.alias?.value ?? field.name.value;
    if (!field.selectionSet) answer[key] = `value of ${print({ ...field, alias: undefined })}`;
    else {
      const inner = answerTo(field.selectionSet.selections);
      const items = field.name.value.endsWith('s') ? [inner, inner] : [inner];
      const existing = answer[key] as Record<string, unknown>[] | undefined;
      answer[key] = existing ? items.map((item, i) => ({ ...existing[i], ...item })) : items.map((item) => ({ ...item }));
    }
  }
  return answer;
}

describe('asking each field the gateway repeats once', () => {
  it('gives the answer to the wire selections exactly the keys and values of an answer to the selections asked', () => {
    for (const query of [
      `{ people { id __hub_id: id support { status consent { recipients } __hub_consent: consent { recipients } } } }`,
      // The client's field holds a gateway field the gateway's own copy does not: not the same field.
      `{ support { providerOrg __hub_providerOrg: providerOrg consent { recipients } } __hub_consent: support { providerOrg consent { recipients } } }`,
      `{ __hub_consent: support { providerOrg consent { recipients } } support { providerOrg consent { recipients } } }`,
      `{ links { id __hub_key_id: id __hub_id: id reports { code __hub_code: code summary } } __hub_key_id: id id }`,
      `{ support { consent { recipients __hub_r: recipients } } support { status __hub_s: status } __hub_x: support { status } }`,
    ]) {
      const asked = selectionsOf(query);
      const wire = wireSelections(asked);
      const answer = JSON.parse(JSON.stringify(answerTo(wire.selections))) as Record<string, unknown>;
      expect(expandAnswer(answer, wire.expansion)).toBe(true);
      expect(answer).toEqual(answerTo(asked));
    }
  });

  it('sends the client’s field and copies its answer to the gateway’s keys, at every level and through lists', () => {
    const wire = wireSelections(
      selectionsOf(`{ people { id __hub_id: id support { status consent { recipients } __hub_consent: consent { recipients } } } }`),
    );
    expect(printed(wire.selections)).toBe('{ people { id support { status consent { recipients } } } }');
    const answer = {
      people: [
        { id: 'A', support: [{ status: 'OPEN', consent: { recipients: ['x'] } }] },
        { id: 'B', support: null },
      ],
    };
    expect(expandAnswer(answer, wire.expansion)).toBe(true);
    expect(answer).toEqual({
      people: [
        { id: 'A', __hub_id: 'A', support: [{ status: 'OPEN', consent: { recipients: ['x'] }, __hub_consent: { recipients: ['x'] } }] },
        { id: 'B', __hub_id: 'B', support: null },
      ],
    });
    // Separate objects: shaping the client's value must not change what the policy reads, nor the other way round.
    const episode = answer.people[0]!.support![0]! as unknown as Record<string, { recipients: string[] }>;
    expect(episode.__hub_consent).not.toBe(episode.consent);
    expect(episode.__hub_consent!.recipients).not.toBe(episode.consent!.recipients);
  });

  it('keeps the client’s field when the gateway’s comes first, and copies between the gateway’s own keys', () => {
    expect(printed(wireSelections(selectionsOf(`{ __hub_id: id id }`)).selections)).toBe('{ id }');
    const both = wireSelections(selectionsOf(`{ __hub_id: id __hub_key_id: id }`));
    expect(printed(both.selections)).toBe('{ __hub_id: id }');
    expect(both.expansion?.copies).toEqual([['__hub_id', '__hub_key_id']]);
  });

  it('asks as written whatever differs in arguments, selections or directives, and the client’s own repeats', () => {
    for (const query of [
      `{ person(id: "A") { id } __hub_p: person(id: "B") { id } }`,
      `{ consent { recipients } __hub_consent: consent { recipients date } }`,
      `query($s: Boolean!) { id @skip(if: $s) __hub_id: id }`,
      `query($s: Boolean!) { id __hub_id: id @include(if: $s) }`,
      `{ a: id b: id }`,
    ]) {
      const wire = wireSelections(selectionsOf(query));
      expect(printed(wire.selections)).toBe(printed(selectionsOf(query)));
      expect(wire.expansion).toBeNull();
    }
  });

  it('follows a key asked twice, whose answer is one object', () => {
    const wire = wireSelections(selectionsOf(`{ support { consent { recipients __hub_r: recipients } } support { status } }`));
    expect(printed(wire.selections)).toBe('{ support { consent { recipients } } support { status } }');
    const answer = { support: { consent: { recipients: ['x'] }, status: 'OPEN' } };
    expect(expandAnswer(answer, wire.expansion)).toBe(true);
    expect(answer.support.consent).toEqual({ recipients: ['x'], __hub_r: ['x'] });
  });

  it('refuses an answer that already holds a copy’s key, and leaves out a copy whose field was not answered', () => {
    const wire = wireSelections(selectionsOf(`{ people { id __hub_id: id } }`));
    expect(expandAnswer({ people: [{ id: 'A' }, { id: 'B', __hub_id: 'B' }] }, wire.expansion)).toBe(false);
    const partial = { people: [{ name: 'x' }] } as { people: Record<string, unknown>[] };
    expect(expandAnswer(partial, wire.expansion)).toBe(true);
    expect(Object.hasOwn(partial.people[0]!, '__hub_id')).toBe(false);
    // A null value is copied as null: every reader of a gateway field takes it as unknown.
    const nulled = { people: [{ id: null }] } as { people: Record<string, unknown>[] };
    expect(expandAnswer(nulled, wire.expansion)).toBe(true);
    expect(nulled.people[0]).toEqual({ id: null, __hub_id: null });
  });

  it('never copies a prototype key', () => {
    const wire = wireSelections(selectionsOf(`{ consent { recipients } __hub_consent: consent { recipients } }`));
    const answer = JSON.parse('{ "consent": { "recipients": ["x"], "__proto__": { "polluted": true } } }') as Record<string, object>;
    expect(expandAnswer(answer, wire.expansion)).toBe(true);
    expect(Object.getPrototypeOf(answer.__hub_consent)).toBe(Object.prototype);
    expect(Object.hasOwn(answer.__hub_consent!, '__proto__')).toBe(false);
  });
});
