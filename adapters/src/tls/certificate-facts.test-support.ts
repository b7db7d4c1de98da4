// Reads back what our generators wrote, through pkijs's parser (independent of our builders).
import * as asn1js from 'asn1js';
import { AltName, AuthorityKeyIdentifier, BasicConstraints, Certificate, ExtKeyUsage } from 'pkijs';
import { fromPem } from './pem.ts';

export interface ParsedExtensions {
  readonly critical: Record<string, boolean>;
  readonly ca: boolean | undefined;
  readonly keyUsage: string[];
  readonly extKeyUsage: string[];
  readonly sanTypes: number[];
  readonly subjectKeyId: string | undefined;
  readonly authorityKeyId: string | undefined;
  readonly serialHex: string;
  readonly version: number;
}

const usageNames = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign'];

export function parseExtensions(certPem: string): ParsedExtensions {
  const cert = Certificate.fromBER(fromPem('CERTIFICATE', certPem)!);
  const critical: Record<string, boolean> = {};
  let ca: boolean | undefined;
  let keyUsage: string[] = [];
  let extKeyUsage: string[] = [];
  let sanTypes: number[] = [];
  let subjectKeyId: string | undefined;
  let authorityKeyId: string | undefined;
  for (const ext of cert.extensions ?? []) {
    critical[ext.extnID] = ext.critical;
    const value = ext.parsedValue;
    if (value instanceof BasicConstraints) ca = value.cA;
    else if (ext.extnID === '2.5.29.15' && value instanceof asn1js.BitString) {
      const byte = value.valueBlock.valueHexView[0] ?? 0;
      keyUsage = usageNames.filter((_, bit) => byte & (0x80 >> bit));
    } else if (value instanceof ExtKeyUsage) extKeyUsage = value.keyPurposes;
    else if (value instanceof AltName) sanTypes = value.altNames.map((n) => n.type);
    else if (ext.extnID === '2.5.29.14' && value instanceof asn1js.OctetString) subjectKeyId = Buffer.from(value.valueBlock.valueHexView).toString('hex');
    else if (value instanceof AuthorityKeyIdentifier && value.keyIdentifier) authorityKeyId = Buffer.from(value.keyIdentifier.valueBlock.valueHexView).toString('hex');
  }
  const serialHex = Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex');
  return { critical, ca, keyUsage, extKeyUsage, sanTypes, subjectKeyId, authorityKeyId, serialHex, version: cert.version };
}
