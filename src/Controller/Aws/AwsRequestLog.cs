using System.Collections.Concurrent;

namespace Reconciler.Controller.Aws;

/// <summary>
/// Counts every HTTP request made to AWS by every client the <see cref="AwsClientFactory"/>
/// creates (official SDK clients and the project's own), by service, operation and outcome.
/// Benchmarks read the counts; tests read the records to assert, e.g., that no write was
/// made after a <see cref="Mark"/>. Thread-safe.
/// </summary>
public sealed class AwsRequestLog
{
    private readonly TimeProvider _time;
    private readonly int _maxRecords;
    private readonly ConcurrentDictionary<string, long> _byService = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Service, string Operation), long> _byOperation = new();
    private readonly ConcurrentQueue<AwsRequestRecord> _records = new();
    private readonly ConcurrentDictionary<(string Service, string Outcome), long> _byOutcome = new();
    private long _sequence;
    private long _writes;
    private long _failures;

    /// <summary>Creates a log.</summary>
    /// <param name="time">Clock for the records' times; the system clock when null.</param>
    /// <param name="maxRecords">How many records to keep (oldest dropped first); 0 keeps counts only.</param>
    public AwsRequestLog(TimeProvider? time = null, int maxRecords = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRecords);
        _time = time ?? TimeProvider.System;
        _maxRecords = maxRecords;
    }

    /// <summary>Requests made so far.</summary>
    public long Total => Interlocked.Read(ref _sequence);

    /// <summary>Requests whose operation changes AWS.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Requests that got no answer or an HTTP status of 400 or above.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Requests to <paramref name="service"/> (its signing name, e.g. "ec2").</summary>
    public long CountFor(string service) => _byService.GetValueOrDefault(service);

    /// <summary>Requests for one operation of one service.</summary>
    public long CountFor(string service, string operation) => _byOperation.GetValueOrDefault((service, operation));

    /// <summary>A snapshot of the count per service.</summary>
    public IReadOnlyDictionary<string, long> CountsByService() =>
        new SortedDictionary<string, long>(_byService, StringComparer.Ordinal);

    /// <summary>A snapshot of the count per "service:Operation".</summary>
    public IReadOnlyDictionary<string, long> CountsByOperation() =>
        new SortedDictionary<string, long>(
            _byOperation.ToDictionary(p => p.Key.Service + ":" + p.Key.Operation, p => p.Value),
            StringComparer.Ordinal);

    /// <summary>The sequence number of the latest request; pass it to <see cref="RecordsAfter"/> later.</summary>
    public long Mark() => Total;

    /// <summary>The kept records, oldest first.</summary>
    public IReadOnlyList<AwsRequestRecord> Records() => [.. _records];

    /// <summary>The kept records made after <paramref name="mark"/> (from <see cref="Mark"/>).</summary>
    public IReadOnlyList<AwsRequestRecord> RecordsAfter(long mark) => [.. _records.Where(r => r.Sequence > mark)];

    /// <summary>The kept write records made after <paramref name="mark"/>.</summary>
    public IReadOnlyList<AwsRequestRecord> WritesAfter(long mark) => [.. _records.Where(r => r.Sequence > mark && r.IsWrite)];

    /// <summary>Every record as it is made (the daemon can write them to a file for tests and audits).</summary>
    public event Action<AwsRequestRecord>? Recorded;

    /// <summary>The log's clock, now.</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Requests by service and outcome (success, client-error, server-error, no-answer), for metrics.</summary>
    public IReadOnlyDictionary<(string Service, string Outcome), long> CountsByServiceAndOutcome() =>
        new Dictionary<(string Service, string Outcome), long>(_byOutcome);

    /// <summary>Records one request. Called by the counting HTTP handler.</summary>
    /// <param name="service">The service, from the request's signature.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="isWrite">Whether the operation changes AWS, as its declaration says.</param>
    /// <param name="statusCode">The HTTP status of the answer; null when none came.</param>
    /// <param name="sentAt">When the request was sent; now when not given.</param>
    public AwsRequestRecord Record(string service, string operation, bool isWrite, int? statusCode, DateTimeOffset? sentAt = null)
    {
        var now = _time.GetUtcNow();
        var record = new AwsRequestRecord(
            Interlocked.Increment(ref _sequence), now, service, operation, statusCode, isWrite) { SentAt = sentAt ?? now };
        _byOutcome.AddOrUpdate((service, record.Outcome), 1, static (_, n) => n + 1);
        _byService.AddOrUpdate(service, 1, static (_, n) => n + 1);
        _byOperation.AddOrUpdate((service, operation), 1, static (_, n) => n + 1);
        if (isWrite)
        {
            Interlocked.Increment(ref _writes);
        }

        if (statusCode is null or >= 400)
        {
            Interlocked.Increment(ref _failures);
        }

        if (_maxRecords > 0)
        {
            _records.Enqueue(record);
            while (_records.Count > _maxRecords && _records.TryDequeue(out _))
            {
            }
        }

        Recorded?.Invoke(record);
        return record;
    }
}
