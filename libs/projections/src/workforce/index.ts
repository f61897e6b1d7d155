export * from './workforce-record';
export * from './assignment-on';
export * from './workforce.projection';
