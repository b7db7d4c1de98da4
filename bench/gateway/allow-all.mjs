// The decision hook of the direct benchmark: a trivial allow-all answer for now.
// When lib has the admission decision functions, pass a module exporting the same `decide`
// (review JSON in, AdmissionReview JSON out) with `--handler path/to/module.mjs`.
export function decide(review) {
  return { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: review?.request?.uid, allowed: true } };
}
