namespace Reconciler.Trainer;

/// <summary>What <see cref="ModelExport.Write"/> produced.</summary>
public sealed record ExportResult(string ModelPath, string WarmupPath, string Sha256, double Accuracy);
