namespace Reconciler.Controller.Sandbox.DataPlane;

/// <summary>
/// One target group behind the weighted listener, as the emulator holds it: its weight and the
/// model version the sandbox serves for it.
/// </summary>
/// <param name="TargetGroupArn">The target group's ARN.</param>
/// <param name="Weight">The listener's weight for it (0 to 999).</param>
/// <param name="ModelVersion">The model version label its service serves (see docs/model-versions.md).</param>
internal sealed record TargetRoute(string TargetGroupArn, int Weight, string ModelVersion)
{
    /// <summary>The <c>TargetGroup</c> dimension CloudWatch uses: the ARN's suffix, <c>targetgroup/NAME/ID</c>.</summary>
    public string Dimension => ArnSuffix.After(TargetGroupArn, "targetgroup/");

    /// <summary>The target group's name, the middle part of <see cref="Dimension"/>.</summary>
    public string Name => Dimension.Split('/')[1];
}
