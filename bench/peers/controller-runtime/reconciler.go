package main

import (
	"context"
	"fmt"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
)

const (
	finalizer    = "bench.orkestra.io/finalizer"
	fieldManager = "app-operator"
)

// appReconciler applies an App's three children and reports Ready.
type appReconciler struct {
	client.Client
}

// Reconcile is level-based: every call applies all three children (server-side apply makes an
// unchanged child a no-op on the server), then writes status only when the condition changed.
func (r *appReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	var app App
	if err := r.Get(ctx, req.NamespacedName, &app); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	if !app.DeletionTimestamp.IsZero() {
		// The children carry owner references: the garbage collector deletes them.
		if controllerutil.RemoveFinalizer(&app, finalizer) {
			return ctrl.Result{}, r.Update(ctx, &app)
		}
		return ctrl.Result{}, nil
	}
	if controllerutil.AddFinalizer(&app, finalizer) {
		if err := r.Update(ctx, &app); err != nil {
			return ctrl.Result{}, err
		}
	}
	for _, child := range children(&app) {
		if err := r.Apply(ctx, child, client.FieldOwner(fieldManager), client.ForceOwnership); err != nil {
			return ctrl.Result{}, r.setReady(ctx, &app, metav1.ConditionFalse, "ApplyFailed", err.Error(), err)
		}
	}
	return ctrl.Result{}, r.setReady(ctx, &app, metav1.ConditionTrue, "Reconciled", "all children applied", nil)
}

// setReady writes the Ready condition when it changed, then returns cause (so a failure requeues).
func (r *appReconciler) setReady(ctx context.Context, app *App, status metav1.ConditionStatus, reason, message string, cause error) error {
	changed := meta.SetStatusCondition(&app.Status.Conditions, metav1.Condition{
		Type: "Ready", Status: status, Reason: reason, Message: message, ObservedGeneration: app.Generation,
	})
	if changed || app.Status.ObservedGeneration != app.Generation {
		app.Status.ObservedGeneration = app.Generation
		if err := r.Status().Update(ctx, app); err != nil {
			return fmt.Errorf("status: %w (after: %v)", err, cause)
		}
	}
	return cause
}

// children are the three objects an App owns, as apply configurations.
func children(app *App) []runtime.ApplyConfiguration {
	return []runtime.ApplyConfiguration{configMapFor(app), serviceFor(app), deploymentFor(app)}
}
