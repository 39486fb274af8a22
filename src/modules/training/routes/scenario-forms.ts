import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { ValidationError } from '../../../platform/http/errors.js';
import type { FieldErrors } from '../../../platform/views/components.js';

/** What the scenarios' routes share: route options and the forms as browsers post them. */
export const page = { hide: true };
const f = (maxLength: number) => Type.String({ maxLength, default: '' });
const csrf = { _csrf: Type.Optional(Type.String()) };

export const Csrf = Type.Object(csrf);
export const ScenarioParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
export const StepParams = Type.Object({
  id: Type.String({ maxLength: 40 }),
  key: Type.String({ maxLength: 60 }),
});
export const ChoiceParams = Type.Object({
  id: Type.String({ maxLength: 40 }),
  choiceId: Type.String({ maxLength: 40 }),
});
export const CreateBody = Type.Object({ ...csrf, title: f(400), slug: f(100), summary: f(4000) });
export const DetailsBody = Type.Object({
  ...csrf,
  title: f(400),
  slug: f(100),
  summary: f(4000),
  startStep: f(60),
});
const stepFields = {
  phase: f(40),
  title: f(400),
  situation: f(16_000),
  goodPractice: f(16_000),
  isEnd: f(10),
};
export const NewStepBody = Type.Object({ ...csrf, key: f(60), ...stepFields });
export const StepBody = Type.Object({ ...csrf, ...stepFields });
export const ChoiceBody = Type.Object({
  ...csrf,
  label: f(600),
  nextStep: f(60),
  duration: f(20),
  unit: f(20),
  quality: f(20),
  consequence: f(8000),
  coordinationFailure: f(4000),
});

export const translate = (request: FastifyRequest, error: ValidationError): FieldErrors =>
  Object.fromEntries(Object.entries(error.fields).map(([k, key]) => [k, request.t(key)]));

export const strip = <T extends { _csrf?: string | undefined }>(body: T): Omit<T, '_csrf'> => {
  const { _csrf, ...rest } = body;
  return rest;
};
