namespace Reconciler.Controller.Rollouts;

/// <summary>A model version as resolved when the rollout took it: the label and the S3 object version it named then.</summary>
/// <param name="Label">The model-version label written in git.</param>
/// <param name="VersionId">The S3 object version id.</param>
/// <param name="Sha256">The SHA-256 the object version declares.</param>
public sealed record ModelRef(string Label, string VersionId, string Sha256);
