namespace Reconciler.Controller.Tests.Deploy;

/// <summary>The Dockerfile reader: continuations, comments, stages and global ARGs as the Docker builder reads them.</summary>
public sealed class DockerfileParserTests
{
    [Fact]
    public void Parse_ContinuedLines_AreOneInstructionWithoutTheCommentsBetweenThem()
    {
        var file = Dockerfile.Parse("FROM mcr.microsoft.com/dotnet/sdk:10.0.401\nRUN a \\\n# a comment inside\n\n    && b\nUSER app\n");

        var run = Assert.Single(file.Final.All("RUN"));
        Assert.Equal("a     && b", run.Arguments);
        Assert.Equal(2, run.Line);
        Assert.Equal("app", file.Final.Last("USER")!.Arguments);
    }

    [Fact]
    public void Parse_GlobalArgs_AreSubstitutedIntoFromAndStagesKeepTheirNames()
    {
        var file = Dockerfile.Parse("ARG V=10.0.12\nFROM mcr.microsoft.com/dotnet/sdk:${V} AS build\nRUN x\nfrom mcr.microsoft.com/dotnet/aspnet:$V\nCOPY --from=build /app ./\n");

        Assert.Equal(2, file.Stages.Count);
        Assert.Equal(("mcr.microsoft.com/dotnet/sdk:10.0.12", "build"), (file.Stages[0].BaseImage, file.Stages[0].Name));
        Assert.Equal(("mcr.microsoft.com/dotnet/aspnet:10.0.12", null), (file.Final.BaseImage, file.Final.Name));
        Assert.Single(file.Final.Instructions);
    }

    [Fact]
    public void Parse_FromWithAnArgWithoutDefault_IsRefused()
    {
        var error = Assert.Throws<FormatException>(() => Dockerfile.Parse("ARG V\nFROM mcr.microsoft.com/dotnet/sdk:${V}\n"));

        Assert.Equal("line 2: FROM uses $V, which no ARG before the first FROM gives a default.", error.Message);
    }

    [Fact]
    public void ExecForm_IsReadAsJsonAndShellFormIsNot()
    {
        var file = Dockerfile.Parse("FROM x:1.2.3\nENTRYPOINT [\"dotnet\", \"a b.dll\"]\nCMD dotnet a.dll\n");

        Assert.Equal(["dotnet", "a b.dll"], file.Final.Last("ENTRYPOINT")!.ExecForm());
        Assert.Null(file.Final.Last("CMD")!.ExecForm());
    }

    [Fact]
    public void Variables_OfEnvAndArg_InEveryForm()
    {
        var file = Dockerfile.Parse("ARG A\nFROM x:1.2.3\nENV B=1 C=\"two words\"\nENV D the rest\nARG E=5\n");

        Assert.Equal(
            [new("A", null), new("B", "1"), new("C", "two words"), new("D", "the rest"), new("E", "5")],
            file.Instructions.SelectMany(i => i.Variables()));
    }
}
