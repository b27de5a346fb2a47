namespace Reconciler.Controller.Cli;

/// <summary>What plan and apply were asked to do, as parsed from their command lines.</summary>
internal sealed record StackCommandOptions
{
    /// <summary>The environment folder of documents.</summary>
    public required string Directory { get; init; }

    /// <summary>Start a sandbox for this command.</summary>
    public bool Sandbox { get; init; }

    /// <summary>Override the account guard.</summary>
    public bool AllowOtherAccount { get; init; }

    /// <summary>Override the mass-delete guard (apply only).</summary>
    public bool AllowMassDelete { get; init; }

    /// <summary>How many resources of one level of the graph change at once (apply only).</summary>
    public int Parallelism { get; init; } = 4;
}
