"use client";

import { startTransition, useActionState } from "react";
import type { FormState } from "@/lib/action-result";

/**
 * useActionState for a form that keeps what the user typed. A plain `<form action={…}>` is reset
 * by React after every submit, which empties <select>s even when the server refused the input;
 * submitting through onSubmit keeps the fields as they were, and the clicked button's
 * name/value (e.g. decision=approve) still travels with the form data.
 */
export function useFormAction(
  action: (state: FormState, form: FormData) => Promise<FormState>,
  initial: FormState,
) {
  const [state, dispatch, pending] = useActionState(action, initial);
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(data));
  };
  return [state, onSubmit, pending] as const;
}
