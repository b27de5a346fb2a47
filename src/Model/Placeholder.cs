namespace Reconciler.Model;
