namespace Reconciler.Model.Stacks;

/// <summary>A place in a desired-state file; lines and columns count from 1.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
