namespace Reconciler.Inference.Models;

/// <summary>Where a configured model version is in its life.</summary>
internal enum ModelStatus
{
    Loading,
    Ready,
    Failed,
}
