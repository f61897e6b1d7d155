export * from './pay-facts';
export * from './pay-dates';
export * from './pay-trajectory';
export * from './retention-risk';
export * from './pay.projection';
export * from './retention-report';
