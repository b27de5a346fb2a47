using Reconciler.Trainer;

// Usage: reconciler-trainer [output-folder] [dataset.json]
// Writes <output>/<version>/model.onnx and warmup.json for every recipe, and prints what it wrote.
var output = args.Length > 0 ? args[0] : Path.Combine("models", "penguins");
var dataPath = args.Length > 1 ? args[1] : PenguinDataset.DefaultPath;
var examples = PenguinDataset.Load(dataPath);
Console.WriteLine($"Loaded {examples.Count} complete rows from {dataPath}");

foreach (var recipe in ModelRecipe.All)
{
    var result = ModelExport.Write(recipe, examples, Path.Combine(output, recipe.Version));
    Console.WriteLine($"v{recipe.Version} ({recipe.Algorithm}): training accuracy {result.Accuracy:P2}, {result.ModelPath} sha256 {result.Sha256}");
}
