package main

// The three children, built as typed apply configurations: the same names, labels, data and
// specs as Orkestra's runtime renders from bench/runtime/katalog.yaml (ConfigMap `<app>-config`,
// headless Service `<app>-svc`, Deployment `<app>-deployment`), with this operator's own label
// keys and no Orkestra annotations.

import (
	appsac "k8s.io/client-go/applyconfigurations/apps/v1"
	corev1ac "k8s.io/client-go/applyconfigurations/core/v1"
	metav1ac "k8s.io/client-go/applyconfigurations/meta/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

const (
	managedByLabel = "app.kubernetes.io/managed-by"
	nameLabel      = "app.kubernetes.io/name"
	ownerLabel     = "bench.orkestra.io/owner"
	workloadLabel  = "bench.orkestra.io/workload"
)

func ownerRef(app *App) *metav1ac.OwnerReferenceApplyConfiguration {
	return metav1ac.OwnerReference().
		WithAPIVersion(groupVersion.String()).WithKind("App").WithName(app.Name).WithUID(app.UID).
		WithController(true).WithBlockOwnerDeletion(true)
}

func labels(app *App, extra map[string]string) map[string]string {
	out := map[string]string{managedByLabel: fieldManager, ownerLabel: app.Name}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

func podSelector(app *App) map[string]string {
	return map[string]string{nameLabel: "app", ownerLabel: app.Name}
}

func configMapFor(app *App) *corev1ac.ConfigMapApplyConfiguration {
	return corev1ac.ConfigMap(app.Name+"-config", app.Namespace).
		WithLabels(labels(app, nil)).
		WithOwnerReferences(ownerRef(app)).
		WithData(map[string]string{"image": app.Spec.Image, "tier": app.Spec.Tier})
}

func serviceFor(app *App) *corev1ac.ServiceApplyConfiguration {
	return corev1ac.Service(app.Name+"-svc", app.Namespace).
		WithLabels(labels(app, nil)).
		WithOwnerReferences(ownerRef(app)).
		WithSpec(corev1ac.ServiceSpec().
			WithType(corev1.ServiceTypeClusterIP).
			WithClusterIP(corev1.ClusterIPNone).
			WithSelector(podSelector(app)).
			WithPorts(corev1ac.ServicePort().
				WithPort(app.Spec.Port).WithTargetPort(intstr.FromInt32(app.Spec.Port)).WithProtocol(corev1.ProtocolTCP)))
}

func deploymentFor(app *App) *appsac.DeploymentApplyConfiguration {
	name := app.Name + "-deployment"
	selector := podSelector(app)
	selector[workloadLabel] = name
	podLabels := labels(app, map[string]string{"tier": app.Spec.Tier})
	for k, v := range selector {
		podLabels[k] = v
	}
	spec := appsac.DeploymentSpec().
		WithSelector(metav1ac.LabelSelector().WithMatchLabels(selector)).
		WithTemplate(corev1ac.PodTemplateSpec().
			WithLabels(podLabels).
			WithSpec(corev1ac.PodSpec().WithContainers(corev1ac.Container().
				WithName("app").
				WithImage(app.Spec.Image).
				WithPorts(corev1ac.ContainerPort().WithContainerPort(app.Spec.Port).WithProtocol(corev1.ProtocolTCP)))))
	if app.Spec.Replicas != nil {
		spec = spec.WithReplicas(*app.Spec.Replicas)
	}
	return appsac.Deployment(name, app.Namespace).
		WithLabels(labels(app, map[string]string{"tier": app.Spec.Tier})).
		WithOwnerReferences(ownerRef(app)).
		WithSpec(spec)
}
