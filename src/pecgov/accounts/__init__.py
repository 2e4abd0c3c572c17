"""Sign-in, second factors, single sign-on and self-registration on django-allauth (ADM-5, X-4)."""
