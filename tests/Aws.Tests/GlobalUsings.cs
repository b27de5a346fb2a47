global using Reconciler.Aws.Tests.Support;
