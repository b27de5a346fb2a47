using System.Text.Json;

namespace Reconciler.Trainer;

/// <summary>Loads the penguins dataset and keeps the complete rows, in file order.</summary>
public static class PenguinDataset
{
    /// <summary>The dataset file as shipped next to the binary.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "data", "penguins.json");

    /// <summary>Reads the file; rows missing the species or any measurement are left out (11 of 344 in the source).</summary>
    public static IReadOnlyList<PenguinExample> Load(string path)
    {
        using var stream = File.OpenRead(path);
        var records = JsonSerializer.Deserialize<List<PenguinRecord>>(stream)
            ?? throw new InvalidDataException($"Dataset '{path}' is empty; expected a JSON array of penguin records.");
        var examples = new List<PenguinExample>(records.Count);
        foreach (var r in records)
        {
            if (string.IsNullOrEmpty(r.Species) || r.BeakLengthMm is not { } beakLength || r.BeakDepthMm is not { } beakDepth
                || r.FlipperLengthMm is not { } flipper || r.BodyMassG is not { } mass)
            {
                continue;
            }

            examples.Add(new PenguinExample { Species = r.Species, Features = [beakLength, beakDepth, flipper, mass] });
        }

        return examples;
    }
}
