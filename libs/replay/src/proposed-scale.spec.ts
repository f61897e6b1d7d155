import { BYTEDANCE_POLICY, type Policy } from '@pm/domain';
import { refused } from '../../domain/test/decider-specification';
import { ProposedScale } from './proposed-scale';

const BYTEDANCE: Policy = { ...BYTEDANCE_POLICY, version: 1 };

describe('recorded grades read on the proposed scale', () => {
  it('reads F, recorded before ByteDance renamed it, as the current N, at N’s rank', () => {
    const scale = new ProposedScale(BYTEDANCE);
    expect([scale.code('F'), scale.rank('F')]).toEqual(['N', 7]);
    expect([scale.code('N'), scale.rank('N')]).toEqual(['N', 7]);
  });

  it('refuses to replay a recorded F under a scale that neither lists it nor maps it', () => {
    const { aliases: _renamed, ...grades } = BYTEDANCE.scale;
    const scale = new ProposedScale({ ...BYTEDANCE, scale: grades });
    refused(() => scale.code('F')).thenThrows('replay-scale-mismatch', 'invalid');
  });
});
