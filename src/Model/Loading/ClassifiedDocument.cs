using Reconciler.Model.Kinds;
using YamlDotNet.RepresentationModel;

namespace Reconciler.Model.Loading;

/// <summary>A document whose kind is known: the Stack document, or a resource of a catalogued kind.</summary>
/// <param name="Source">The document.</param>
/// <param name="Root">Its root mapping.</param>
/// <param name="KindNode">The <c>kind</c> value, for positions.</param>
/// <param name="Kind">The kind's name.</param>
/// <param name="KindInfo">The kind; null for the Stack document.</param>
internal sealed record ClassifiedDocument(SourceDocument Source, YamlMappingNode Root, YamlNode KindNode, string Kind, KindInfo? KindInfo);
