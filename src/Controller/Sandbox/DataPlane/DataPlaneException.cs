namespace Reconciler.Controller.Sandbox.DataPlane;

/// <summary>The sandbox data plane cannot start (a port taken, the inference service not built, a child that did not come up), said in one sentence.</summary>
public sealed class DataPlaneException(string message, Exception? inner = null) : Exception(message, inner);
