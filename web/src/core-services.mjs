// CQC's core services, by trust type: the list the workbench offers when a
// service is added (anything else is added by name as an additional service).
// The core has no vocabulary of services (a service is any id and name in the
// assessment document), so this is the one place they are listed. Ids are
// those of CQC's public API (its inspection areas: "urgent", "npimaternity"),
// so a trust opened from CQC's data and one entered here name services alike.
// Sources: CQC's core services for NHS acute hospitals (spec section 6),
// mental health, community health and ambulance services (CQC's inspection
// frameworks for each).

const ACUTE = [
  { id: 'urgent', name: 'Urgent and emergency care' },
  { id: 'care', name: "Medical care (including older people's care)" },
  { id: 'surgery', name: 'Surgery' },
  { id: 'critical', name: 'Critical care' },
  { id: 'npimaternity', name: 'Maternity' },
  { id: 'childrens', name: 'Services for children and young people' },
  { id: 'life', name: 'End of life care' },
  { id: 'npioutpatients', name: 'Outpatients' },
  { id: 'diagnostic', name: 'Diagnostic imaging' },
];

export const CORE_SERVICES = {
  acute_non_specialist: ACUTE,
  acute_specialist: ACUTE,
  mental_health: [
    { id: 'mh-acute-wards', name: 'Acute wards for adults of working age and psychiatric intensive care units' },
    { id: 'mh-rehabilitation', name: 'Long stay or rehabilitation mental health wards for working age adults' },
    { id: 'mh-forensic', name: 'Forensic inpatient or secure wards' },
    { id: 'mh-camhs-wards', name: 'Child and adolescent mental health wards' },
    { id: 'mh-older-wards', name: 'Wards for older people with mental health problems' },
    { id: 'mh-ld-wards', name: 'Wards for people with a learning disability or autism' },
    { id: 'mh-community-adults', name: 'Community-based mental health services for adults of working age' },
    { id: 'mh-crisis', name: 'Mental health crisis services and health-based places of safety' },
    { id: 'mh-camhs-community', name: 'Specialist community mental health services for children and young people' },
    { id: 'mh-community-older', name: 'Community-based mental health services for older people' },
    { id: 'mh-community-ld', name: 'Community mental health services for people with a learning disability or autism' },
  ],
  community: [
    { id: 'ch-adults', name: 'Community health services for adults' },
    { id: 'ch-children', name: 'Community health services for children, young people and families' },
    { id: 'ch-inpatients', name: 'Community health inpatient services' },
    { id: 'ch-end-of-life', name: 'Community end of life care' },
    { id: 'ch-urgent', name: 'Urgent care services' },
    { id: 'ch-sexual-health', name: 'Community sexual health services' },
    { id: 'ch-dental', name: 'Community dental services' },
  ],
  ambulance: [
    { id: 'amb-eoc', name: 'Emergency operations centre' },
    { id: 'amb-urgent', name: 'Emergency and urgent care' },
    { id: 'amb-transport', name: 'Patient transport services' },
    { id: 'amb-resilience', name: 'Resilience' },
    { id: 'amb-111', name: 'NHS 111' },
  ],
};

/** The trust types, in the order the page offers them, with their names. */
export const TRUST_TYPES = [
  { token: 'acute_non_specialist', name: 'Acute (non-specialist)', locations: true },
  { token: 'acute_specialist', name: 'Specialist acute', locations: true },
  { token: 'mental_health', name: 'Mental health', locations: false },
  { token: 'community', name: 'Community health', locations: false },
  { token: 'ambulance', name: 'Ambulance', locations: false },
];
