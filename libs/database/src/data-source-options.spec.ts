import { dataSourceOptions } from './data-source-options';
import { QueryDeadlineSubscriber } from './query-deadline.subscriber';

const URL = 'postgres://u@127.0.0.1:5432/db';
const extraOf = (options: ReturnType<typeof dataSourceOptions>) =>
  (options as { extra?: Record<string, unknown> }).extra;

describe('dataSourceOptions', () => {
  it('should keep the connection and statement timeouts when a process only resizes its pool', () => {
    expect(extraOf(dataSourceOptions(URL, { extra: { max: 5 } }))).toEqual({
      max: 5,
      connectionTimeoutMillis: 5000,
      statement_timeout: 15000,
    });
  });

  it('should watch for a silent server on every data source', () => {
    expect(dataSourceOptions(URL).subscribers).toEqual([QueryDeadlineSubscriber]);
  });
});
