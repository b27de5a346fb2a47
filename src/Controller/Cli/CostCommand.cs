using System.CommandLine;
using Reconciler.Model.Pricing;

namespace Reconciler.Controller.Cli;

/// <summary><c>reconciler cost DIR [--markdown]</c>: the stack's monthly estimate line by line; no AWS call.</summary>
internal static class CostCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var folder = CliSymbols.Folder();
        var markdown = CliSymbols.Switch("markdown", "Print a Markdown table (resource, USD a month, basis) instead of text.");
        var command = new Command(
            "cost",
            "Prints the monthly cost estimate of DIR's stack line by line, with the usage it assumes and where each figure was set "
            + "(the price table, the Stack's spec.usage, a document's metadata.usage). Reads files only; sends nothing to AWS. Exits 1 when DIR is invalid.")
        {
            folder,
            markdown,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(folder), parsed.GetValue(markdown), environment.Output, environment.Errors));
        return command;
    }

    public static int Run(string directory, bool markdown, TextWriter output, TextWriter errors)
    {
        if (StackLoading.Load(directory, errors) is not { } stack)
        {
            return ExitCodes.Error;
        }

        var estimate = CostEstimator.Estimate(stack);
        output.Write(markdown ? CostReport.Markdown(stack, estimate) : CostReport.Text(stack, estimate));
        return ExitCodes.Success;
    }
}
