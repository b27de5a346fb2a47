namespace Reconciler.Controller.Tests.Deploy;

/// <summary>One build stage: from its FROM to the next.</summary>
/// <param name="BaseImage">The FROM image with the global ARG defaults substituted.</param>
/// <param name="Name">The stage's name (FROM ... AS name), if any.</param>
/// <param name="Instructions">The stage's instructions after its FROM.</param>
internal sealed record DockerStage(string BaseImage, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    /// <summary>The stage's instructions with this keyword, in order.</summary>
    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    /// <summary>The last instruction with this keyword (the one in force), or null.</summary>
    public DockerInstruction? Last(string keyword) => Instructions.LastOrDefault(i => i.Keyword == keyword);
}
