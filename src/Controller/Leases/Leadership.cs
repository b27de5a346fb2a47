namespace Reconciler.Controller.Leases;

/// <summary>
/// One term of leadership of a stack by this replica. Work done for the term must stop when
/// <see cref="Lost"/> is cancelled, and every state write must go through
/// <see cref="FencedWriter"/> with <see cref="Fence"/>, so a write that races the loss is
/// refused by DynamoDB rather than trusted to the cancellation.
/// </summary>
/// <param name="Fence">The condition every state write of this term carries.</param>
/// <param name="Lost">Cancelled when the term ends: renew deadline passed, another replica took the lease, or shutdown.</param>
public sealed record Leadership(LeaseFence Fence, CancellationToken Lost)
{
    /// <summary>The token of this acquisition; larger than any earlier acquisition's, by anyone.</summary>
    public long FencingToken => Fence.FencingToken;

    /// <summary>This replica's identity.</summary>
    public string Holder => Fence.Holder;

    /// <summary>The stack led.</summary>
    public string Stack => Fence.Stack;
}
