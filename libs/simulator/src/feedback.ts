import type { Person } from './org-chart';
import type { Simulation } from './simulation';
import { anytimeFeedback, peerFeedback, principles } from './texts';

type Sentiment = 'positive' | 'neutral' | 'negative';

/** Peers see performance through their own noise: mostly positive, negative for the weakest. */
function sentimentOf(sim: Simulation, performance: number): Sentiment {
  const seen = performance + sim.random.normal() * 0.8;
  return seen > -0.6 ? 'positive' : seen > -1.5 ? 'neutral' : 'negative';
}

/** A colleague from the same org (anyone if the org is too small), active today. */
function colleagueOf(sim: Simulation, person: Person): Person | undefined {
  const roster = person.org && person.org.roster.size > 1 ? person.org.roster : sim.chart.everyone;
  return roster.pickOther(sim.random, person);
}

/** 360 feedback for the coming review, correlated with this half-year's performance. */
export function requestPeerFeedback(sim: Simulation, person: Person, cycleId: string, from: number, to: number): void {
  for (let i = 0; i < sim.params.peerFeedbackPerCycle; i++) {
    const day = sim.random.int(from, to - 1);
    sim.agenda.at(day, () => {
      const peer = person.active ? colleagueOf(sim, person) : undefined;
      if (!peer) return;
      const sentiment = sentimentOf(sim, person.performance);
      sim.act(
        person,
        {
          type: 'RecordFeedback',
          data: {
            fromEmployeeId: peer.id,
            kind: 'peer360',
            sentiment,
            principles: principles(sim.random, 2),
            text: peerFeedback(sim.random, sentiment),
            cycleId,
          },
        },
        day,
      );
    });
  }
}

/** Unprompted praise between reviews: `anytimeFeedbackPerYear` on average per person. */
export function planAnytimeFeedback(sim: Simulation, from: number, to: number): void {
  const expected = (sim.params.anytimeFeedbackPerYear * (to - from)) / 365.25;
  for (const person of sim.chart.everyone.toArray()) {
    const count = Math.floor(expected) + (sim.random.chance(expected % 1) ? 1 : 0);
    for (let i = 0; i < count; i++) {
      const day = sim.random.int(from, to - 1);
      sim.agenda.at(day, () => {
        const peer = person.active ? colleagueOf(sim, person) : undefined;
        if (peer)
          sim.act(
            person,
            { type: 'RecordFeedback', data: { fromEmployeeId: peer.id, kind: 'anytime', sentiment: 'positive', text: anytimeFeedback(sim.random) } },
            day,
          );
      });
    }
  }
}
