using Reconciler.Model.Stacks;
using YamlDotNet.RepresentationModel;

namespace Reconciler.Model.Loading;

/// <summary>One YAML document of a desired-state file, with the file it came from.</summary>
internal sealed record SourceDocument(string File, YamlNode Root)
{
    /// <summary>Where a node starts, in the compiler form's terms.</summary>
    public SourceLocation At(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);
}
