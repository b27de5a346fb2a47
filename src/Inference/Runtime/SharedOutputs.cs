namespace Reconciler.Inference.Runtime;

/// <summary>Native values and pooled buffers of one run, released when every request that reads them is done.</summary>
internal sealed class SharedOutputs(IEnumerable<IDisposable> resources, int holders)
{
    private readonly IDisposable[] _resources = resources.ToArray();
    private int _holders = holders;

    public void Release()
    {
        if (Interlocked.Decrement(ref _holders) != 0)
        {
            return;
        }

        foreach (var resource in _resources)
        {
            resource.Dispose();
        }
    }
}
