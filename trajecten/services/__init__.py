"""Every write of phase A, one module per part:

opstellen   setting up a trajectory section by section, proportionality, phases
publicatie  the uitvraag (call) versions, publication, corrections, followers
dialoog     sessions and registrations, questions, answers and the nota
uitdaging   right-to-challenge proposals

Import from the module: `from trajecten.services import opstellen`.
"""
