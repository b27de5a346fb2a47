namespace Reconciler.Controller.Leases;

/// <summary>
/// A state write was refused because the writer no longer holds the stack's lease with its
/// fencing token: another replica acquired it since, or this one released it. The writer must
/// stop acting on the stack; the new leader reconciles it from what is there.
/// </summary>
public sealed class LeaseLostException : Exception
{
    /// <summary>Creates the exception for a refused write.</summary>
    /// <param name="fence">The fence the write carried.</param>
    /// <param name="write">What was written, e.g. "put of item 'resource#Vpc/main'".</param>
    /// <param name="innerException">DynamoDB's refusal.</param>
    public LeaseLostException(LeaseFence fence, string write, Exception? innerException)
        : base(
            $"Replica '{fence.Holder}' lost the lease of stack '{fence.Stack}' (fencing token {fence.FencingToken}); "
            + $"the {write} in table '{fence.TableName}' was refused. Another replica leads the stack now: stop acting on it.",
            innerException)
    {
        Fence = fence;
        Write = write;
    }

    /// <summary>The fence the refused write carried (holder, stack, token).</summary>
    public LeaseFence Fence { get; }

    /// <summary>What was refused.</summary>
    public string Write { get; }
}
