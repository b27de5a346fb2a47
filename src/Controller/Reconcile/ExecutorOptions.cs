namespace Reconciler.Controller.Reconcile;

/// <summary>How a plan is executed.</summary>
public sealed record ExecutorOptions
{
    /// <summary>How many resources are changed at once. AWS rate limits make more not faster.</summary>
    public int MaxParallelism { get; init; } = 4;

    /// <summary>Validates the options, naming the field and the fix.</summary>
    public void Validate()
    {
        if (MaxParallelism is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxParallelism), MaxParallelism, "MaxParallelism must be between 1 and 64.");
        }
    }
}
