using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>The root EBS volume of the instances a launch template starts.</summary>
public sealed record RootVolumeSpec
{
    /// <summary>The root device the AMI boots from (/dev/xvda for Amazon Linux).</summary>
    public string DeviceName { get; init; } = "/dev/xvda";

    /// <summary>Size in GiB.</summary>
    [Range(8, 16384)]
    public int SizeGb { get; init; } = 20;

    /// <summary>The EBS volume type: gp3 (the cheaper general-purpose SSD, 3,000 IOPS included) or gp2.</summary>
    [AllowedValues("gp3", "gp2")]
    public string VolumeType { get; init; } = "gp3";

    /// <summary>Whether the volume is encrypted at rest. Validation refuses false.</summary>
    public bool Encrypted { get; init; } = true;
}
