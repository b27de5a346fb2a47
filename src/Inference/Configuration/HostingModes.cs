namespace Reconciler.Inference.Configuration;

/// <summary>The values of Hosting:Mode.</summary>
public static class HostingModes
{
    public const string Http = "Http";
    public const string Lambda = "Lambda";
}
