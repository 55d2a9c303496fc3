import { parsePlaceRequest } from './place-holds';

describe('parsePlaceRequest: what a partner accepts from the gateway', () => {
  it('reads each action', () => {
    expect(
      parsePlaceRequest({
        action: 'hold',
        serviceId: 'hope-at-home-hosting',
        key: 'k'.repeat(64),
        referralId: 'REF-2026-000001',
        expiresAt: '2026-12-03T10:00:00.000Z',
      }),
    ).toEqual({
      action: 'hold',
      serviceId: 'hope-at-home-hosting',
      key: 'k'.repeat(64),
      referralId: 'REF-2026-000001',
      expiresAt: '2026-12-03T10:00:00.000Z',
    });
    expect(parsePlaceRequest({ action: 'take', serviceId: 's', key: 'abc' })).toEqual({ action: 'take', serviceId: 's', key: 'abc' });
    expect(parsePlaceRequest({ action: 'capacity', serviceId: 's', total: 3, available: 0 })).toEqual({
      action: 'capacity',
      serviceId: 's',
      total: 3,
      available: 0,
    });
  });

  it.each([
    [{}],
    [{ action: 'hold', serviceId: 's', key: 'k', referralId: 'r', expiresAt: 'tomorrow' }],
    [{ action: 'take', serviceId: "s'; DROP TABLE x", key: 'k' }],
    [{ action: 'capacity', serviceId: 's', total: 2, available: 3 }],
    [{ action: 'capacity', serviceId: 's', total: 3, available: -1 }],
    [{ action: 'capacity', serviceId: 's', total: 1.5, available: 1 }],
    [{ action: 'sell', serviceId: 's', key: 'k' }],
  ])('refuses %j', (body) => {
    expect(parsePlaceRequest(body)).toBeNull();
  });
});
