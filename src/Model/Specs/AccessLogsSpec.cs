using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>Where a load balancer writes its access logs (attributes access_logs.s3.*).</summary>
/// <remarks>
/// The bucket's policy must let the region's Elastic Load Balancing account (127311923021 in
/// us-east-1) or the logdelivery.elasticloadbalancing.amazonaws.com service put objects under
/// the prefix; AWS refuses the attribute otherwise (moto does not check).
/// </remarks>
public sealed record AccessLogsSpec
{
    /// <summary>The Bucket document the logs go to.</summary>
    [Reference("Bucket")]
    public required string Bucket { get; init; }

    /// <summary>The key prefix of the log files, without leading or trailing slash; empty for none.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Whether logs are written.</summary>
    public bool Enabled { get; init; } = true;
}
