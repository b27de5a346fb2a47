namespace Reconciler.Inference.Models;

/// <summary>
/// How many runs of one model version may execute at once. Each run already uses the session's intra-op threads;
/// letting more runs start than the cores can hold makes every one of them slower (two 2-thread ResNet-18 runs on 2
/// cores take longer together than one after the other) and lets late requests steal cores from early ones.
/// Waiting is asynchronous, so a queued request holds no thread, and a cancelled request leaves the queue.
/// </summary>
internal sealed class RunSlots : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private int _waiting;

    public RunSlots(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
        _slots = new SemaphoreSlim(count, count);
    }

    /// <summary>The number of runs allowed at once.</summary>
    public int Count { get; }

    /// <summary>Runs waiting for a slot now (read by tests; not yet exported as a metric).</summary>
    public int Waiting => Math.Max(0, Volatile.Read(ref _waiting));

    /// <summary>
    /// The automatic count: as many runs as there are cores for their threads, and at least one.
    /// <paramref name="intraOpThreads"/> 0 means ONNX Runtime takes one thread per core.
    /// </summary>
    public static int Automatic(int intraOpThreads, int processorCount)
    {
        var perRun = intraOpThreads <= 0 ? processorCount : intraOpThreads;
        return Math.Max(1, processorCount / Math.Max(1, perRun));
    }

    /// <summary>Waits for a slot; dispose the returned lease to give it back.</summary>
    public async ValueTask<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        return new Lease(_slots);
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>One held slot.</summary>
    internal readonly struct Lease(SemaphoreSlim slots) : IDisposable
    {
        public void Dispose() => slots.Release();
    }
}
