using Reconciler.Inference.Configuration;

namespace Reconciler.Inference.Models;

/// <summary>A configured model version and its state; <see cref="Model"/> is set once it passed its warm-up.</summary>
internal sealed class ModelEntry(ModelOptions options)
{
    private volatile LoadedModel? _model;
    private volatile string? _failure;

    public ModelOptions Options { get; } = options;

    public string Name => Options.Name;

    public string Version => Options.Version;

    public LoadedModel? Model => _model;

    public ModelStatus Status => _model is not null ? ModelStatus.Ready : _failure is not null ? ModelStatus.Failed : ModelStatus.Loading;

    /// <summary>Why loading failed, for the not-ready message.</summary>
    public string? Failure => _failure;

    public void MarkReady(LoadedModel model) => _model = model;

    public void MarkFailed(string reason) => _failure = reason;

    /// <summary>The reason this version cannot serve, for error bodies.</summary>
    public string NotReadyReason => _failure is { } f ? $"failed to load: {f}" : "still loading";
}
