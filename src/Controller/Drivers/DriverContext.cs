using Microsoft.Extensions.Logging;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Drivers;

/// <summary>
/// What every driver call may use: the stack, the AWS clients, the references and the clock.
/// A record so that one observe can work on a copy carrying its own <see cref="StackTags"/>
/// (<c>context with { StackTags = ... }</c>) while sharing everything else, the identities included.
/// </summary>
internal sealed record DriverContext
{
    public required StackSpec Stack { get; init; }

    public required AwsClients Aws { get; init; }

    /// <summary>The AWS identities of the stack's resources, as observed or created so far in this cycle.</summary>
    public required IdentityIndex Identities { get; init; }

    public required TimeProvider Time { get; init; }

    public required ILogger Logger { get; init; }

    /// <summary>How long a driver waits for AWS to settle a resource into a state.</summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The stack's tags read once for the observe in progress, shared by its kinds; null outside
    /// an observe (writes and the fresh reads after them always read tags per resource).
    /// </summary>
    public StackTagIndex? StackTags { get; init; }
}
