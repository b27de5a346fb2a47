namespace Reconciler.Tools.AwsClientGenerator;

/// <summary>The generator's configuration (clients.json): which operations of which services get a client.</summary>
/// <param name="Services">One entry per service.</param>
internal sealed record ClientsConfig(IReadOnlyList<ServiceConfig> Services);
