namespace Reconciler.Inference.Keys;

/// <summary>Whether the accepted keys are known yet.</summary>
internal enum KeySetStatus
{
    /// <summary>The secret has not been read yet.</summary>
    Loading,

    /// <summary>Every source of keys has been read; requests are checked against the set.</summary>
    Ready,

    /// <summary>The secret could not be read and no key set from it was ever loaded.</summary>
    Failed,
}
