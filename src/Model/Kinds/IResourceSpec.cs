namespace Reconciler.Model.Kinds;

/// <summary>The spec of one resource document. Implemented by one sealed record per kind.</summary>
#pragma warning disable CA1040 // A marker: kinds are found by reflection, the interface types the drivers.
public interface IResourceSpec;
#pragma warning restore CA1040
