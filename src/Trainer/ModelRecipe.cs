namespace Reconciler.Trainer;

/// <summary>How one model version is trained. Both versions take the same input, so blue and green are interchangeable.</summary>
public sealed record ModelRecipe
{
    /// <summary>Version 1: min-max scaling and L-BFGS maximum entropy.</summary>
    public static ModelRecipe V1 { get; } = new() { Version = "1", Algorithm = "lbfgs-maxent", L2 = 0.1f };

    /// <summary>Version 2: mean-variance scaling and SDCA maximum entropy with a lighter L2 penalty.</summary>
    public static ModelRecipe V2 { get; } = new() { Version = "2", Algorithm = "sdca-maxent", L2 = 0.01f };

    /// <summary>All versions the project ships.</summary>
    public static IReadOnlyList<ModelRecipe> All { get; } = [V1, V2];

    /// <summary>The version label, also the folder name under models/penguins.</summary>
    public required string Version { get; init; }

    /// <summary>Which trainer: "lbfgs-maxent" or "sdca-maxent".</summary>
    public required string Algorithm { get; init; }

    /// <summary>L2 regularisation weight.</summary>
    public required float L2 { get; init; }

    /// <summary>The seed of the ML.NET context; fixed so a retrain gives the same model.</summary>
    public int Seed { get; init; } = 20240601;
}
