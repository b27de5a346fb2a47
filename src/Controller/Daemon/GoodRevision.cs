using Reconciler.Controller.Sources;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Daemon;

/// <summary>A revision whose documents loaded without error: what the controller converges to.</summary>
internal sealed record GoodRevision(DesiredStack Stack, SourceSnapshot Snapshot);
