using Reconciler.Model.Loading;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Cli;

/// <summary>Loads a folder for a command, printing every diagnostic when it is invalid.</summary>
internal static class StackLoading
{
    /// <summary>The validated stack, or null after printing its diagnostics (then nothing may reach AWS).</summary>
    public static DesiredStack? Load(string directory, TextWriter errors)
    {
        var result = DesiredStateLoader.Load(directory);
        foreach (var diagnostic in result.Diagnostics.Concat(result.Warnings))
        {
            errors.WriteLine(diagnostic.ToString());
        }

        if (!result.Succeeded)
        {
            errors.WriteLine($"{result.Diagnostics.Count} error(s) in {directory}; nothing was sent to AWS.");
            return null;
        }

        return result.Stack;
    }
}
